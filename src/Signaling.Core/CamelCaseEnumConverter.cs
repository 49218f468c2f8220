using System.Text.Json;
using System.Text.Json.Serialization;

namespace Signaling.Core;

/// <summary>Canonical enums travel as camelCase strings ("pending", "invitationReceived").</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
