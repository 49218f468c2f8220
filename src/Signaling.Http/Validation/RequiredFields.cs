namespace Signaling.Http.Validation;

/// <summary>
/// For surfaces whose methods share one parameter object (NIM, Agora): each method names the parameters it requires,
/// and the first one missing is refused in the surface's own shape.
/// </summary>
public static class RequiredFields
{
    /// <summary>The refusal for the first of <paramref name="fields"/> that is null or empty, or null when all are present.</summary>
    public static Microsoft.AspNetCore.Http.IResult? Missing(IProblemWriter problems, params (string Name, object? Value)[] fields) =>
        fields.FirstOrDefault(f => f.Value is null or "") is { Name: { } name }
            ? problems.Invalid(new Dictionary<string, string[]> { [name] = [$"'{name}' is required."] }, Core.Errors.SignalingErrorCode.InvalidArgument)
            : null;
}
