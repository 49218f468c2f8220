using Microsoft.AspNetCore.Http;
using Signaling.Core;

namespace Signaling.Adapters.Nim.Requests;

/// <summary>
/// A server-API form (application/x-www-form-urlencoded). Reading a field checks it; the first problem is kept in
/// <see cref="Error"/>, naming the field, and the endpoint answers 414 with it before changing anything.
/// </summary>
public sealed class NimForm(IFormCollection form)
{
    public string? Error { get; private set; }

    public static async Task<NimForm> ReadAsync(HttpRequest request, CancellationToken ct) =>
        new(request.HasFormContentType ? await request.ReadFormAsync(ct) : FormCollection.Empty);

    /// <summary>An accid, channel id or request id: required, visible ASCII, at most 128 characters.</summary>
    public string Id(string name) => Check(name, Text(name), required: true, Limits.MaxIdLength, id: true) ?? "";

    public string? OptionalId(string name) => Check(name, Text(name), required: false, Limits.MaxIdLength, id: true);

    /// <summary>Free text such as ext or attachExt, at most <paramref name="maxLength"/> characters.</summary>
    public string? Text(string name, int maxLength) => Check(name, Text(name), required: false, maxLength, id: false);

    /// <summary>"1"/"true" or "0"/"false"; absent gives <paramref name="fallback"/>.</summary>
    public bool Flag(string name, bool fallback)
    {
        var value = Text(name);
        switch (value)
        {
            case null or "":
                return fallback;
            case "1" or "true":
                return true;
            case "0" or "false":
                return false;
            default:
                Error ??= $"'{name}' must be 0 or 1.";
                return fallback;
        }
    }

    /// <summary>Records a problem the field readers cannot see (a value outside an enumeration, say).</summary>
    public void Refuse(string message) => Error ??= message;

    private string? Text(string name) => form.TryGetValue(name, out var values) ? values.ToString() : null;

    private string? Check(string name, string? value, bool required, int maxLength, bool id)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Error ??= $"'{name}' is required.";
            }

            return null;
        }

        if (value.Length > maxLength || id && !Limits.IsValidId(value))
        {
            Error ??= id ? $"'{name}' must be 1–{maxLength} visible ASCII characters without spaces." : $"'{name}' is longer than {maxLength} characters.";
        }

        return value;
    }
}
