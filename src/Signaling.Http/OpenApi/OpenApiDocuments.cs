using Microsoft.AspNetCore.OpenApi;

namespace Signaling.Http.OpenApi;

public static class OpenApiDocuments
{
    /// <summary>
    /// Settings every surface's document shares: it holds exactly the endpoints of its group (compared
    /// case-insensitively; .NET 10.0.0 had a case bug, aspnetcore #64335), lists no server (so the committed copy
    /// does not depend on the port, and Swagger UI calls the origin it was loaded from), and shows examples.
    /// </summary>
    public static void ConfigureSurfaceDocument(this OpenApiOptions options, ISignalingSurface surface)
    {
        options.ShouldInclude = description => string.Equals(description.GroupName, surface.Name, StringComparison.OrdinalIgnoreCase);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = surface.Title;
            document.Info.Version = "1.0";
            document.Servers = [];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(new ExampleTransformer(surface.WireJson));
        var responsesOmitNulls = (surface.WireJson?.DefaultIgnoreCondition ?? System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)
                                 == System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        options.AddDocumentTransformer(new AbsentNullsTransformer(responsesOmitNulls));

        options.AddOperationTransformer<RefusalResponsesTransformer>();
        options.AddDocumentTransformer<ProblemDetailsSchema>();
        surface.ConfigureOpenApi(options);
    }
}
