using System.Text;
using Signaling.Core.Errors;

namespace Signaling.Core;

/// <summary>Size and shape limits every surface enforces (the strictest of the vendors' documented limits).</summary>
public static class Limits
{
    /// <summary>Custom data of an invitation or message: 12 KB, Tencent's message body limit.</summary>
    public const int MaxDataBytes = 12 * 1024;

    /// <summary>User, room, group, channel and request ids: 128 characters (NIM requestId, Tencent inviteID buffer).</summary>
    public const int MaxIdLength = 128;

    /// <summary>Invitees of one invitation.</summary>
    public const int MaxInvitees = 100;

    /// <summary>Attribute names and channel names.</summary>
    public const int MaxNameLength = 128;

    /// <summary>A channel's ext and an attribute value.</summary>
    public const int MaxExtBytes = 8 * 1024;

    /// <summary>An id is visible ASCII (0x21–0x7E): no spaces, no control characters.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && id.All(c => c is >= '!' and <= '~');

    public static int Utf8Bytes(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

    public static SignalingError? CheckId(string field, string? id, bool required = true)
    {
        if (string.IsNullOrEmpty(id))
        {
            return required ? SignalingError.Invalid(field, $"'{field}' is required.") : null;
        }

        return IsValidId(id)
            ? null
            : SignalingError.Invalid(field, $"'{field}' must be 1–{MaxIdLength} visible ASCII characters without spaces.");
    }

    public static SignalingError? CheckData(string field, string? data, int maxBytes = MaxDataBytes) =>
        Utf8Bytes(data) > maxBytes
            ? new SignalingError(SignalingErrorCode.PayloadTooLarge, $"'{field}' is larger than {maxBytes} bytes.", field)
            : null;

    /// <summary>Channel and user attributes: a name of 1–128 characters and a value of at most 8 KB.</summary>
    public static SignalingError? CheckAttribute(string? name, string? value) =>
        (string.IsNullOrEmpty(name) || name.Length > MaxNameLength
            ? SignalingError.Invalid("name", $"An attribute name is 1–{MaxNameLength} characters.")
            : null)
        ?? CheckData("value", value, MaxExtBytes);
}
