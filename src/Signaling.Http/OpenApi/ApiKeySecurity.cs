using Microsoft.OpenApi;

namespace Signaling.Http.OpenApi;

public static class ApiKeySecurity
{
    /// <summary>
    /// Declares a vendor's credentials as API keys sent together (in the query or in headers), all required on every
    /// operation, so Swagger UI's Authorize dialog asks for each of them.
    /// </summary>
    public static void RequireApiKeys(this OpenApiDocument document, ParameterLocation location, params (string Name, string Description)[] keys)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        var requirement = new OpenApiSecurityRequirement();
        foreach (var (name, description) in keys)
        {
            document.Components.SecuritySchemes[name] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = location, Name = name, Description = description,
            };
            requirement[new OpenApiSecuritySchemeReference(name, document)] = [];
        }

        document.Security = [requirement];
    }
}
