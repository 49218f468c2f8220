using System.CommandLine;
using Signaling.Contract;
using Signaling.Contract.Surfaces;

// The contract kit: runs each surface's black-box contract checks against a running gateway and prints a table per
// operation. Exit 0 when every check held, 1 when one failed, 2 on bad usage.
var url = new Option<string>("--url") { Description = "The gateway's base address, for example https://gw.example.com.", Required = true };
url.Validators.Add(result =>
{
    if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
    {
        result.AddError($"--url must be an absolute http or https address, not '{result.GetValueOrDefault<string>()}'.");
    }
});
var surfaces = new Option<string[]>("--surface")
{
    Description = $"The surfaces to check (repeat the option; default: all): {string.Join(", ", SurfaceContracts.All.Keys)}.",
    AllowMultipleArgumentsPerToken = true,
};
surfaces.AcceptOnlyFromAmong([.. SurfaceContracts.All.Keys]);
var settings = new Option<string?>("--settings")
{
    Description = "A JSON settings file with the deployment's secrets, in the gateway's appsettings.json shape (default: the repository's); environment variables override it.",
};
var openapi = new Option<string?>("--openapi") { Description = "The folder of the OpenAPI documents the answers must match (default: the repository's openapi/)." };

var command = new RootCommand("Checks that a deployed Signaling Gateway keeps each vendor's contract.") { url, surfaces, settings, openapi };
command.SetAction(async (parsed, cancellation) =>
{
    var documents = new OpenApiDocuments(parsed.GetValue(openapi) ?? RepositoryFolder("openapi"));
    var credentials = Credentials.Load(parsed.GetValue(settings) ?? RepositoryFolder("appsettings.json"));
    var chosen = parsed.GetValue(surfaces) is { Length: > 0 } names ? names : [.. SurfaceContracts.All.Keys];
    var held = true;
    foreach (var surface in chosen)
    {
        await using var wire = new Wire(new Uri(parsed.GetValue(url)!), documents);
        var run = new ContractRun(surface, wire);
        await SurfaceContracts.All[surface](run, credentials);
        run.Print(Console.Out);
        held &= run.Held;
    }

    Console.WriteLine(held ? "Every check held." : "Some checks failed (see FAIL above).");
    return held ? 0 : 1;
});

var result = command.Parse(args);
if (result.Errors.Count > 0)
{
    foreach (var error in result.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("Run with --help for usage.");
    return 2;
}

return await result.InvokeAsync();

// The repository's folder next to the build output (the kit runs from tests/Signaling.Contract/bin/…).
static string RepositoryFolder(string name)
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Signaling.Gateway.sln")))
        {
            return Path.Combine(directory.FullName, name);
        }
    }

    throw new DirectoryNotFoundException($"No repository around {AppContext.BaseDirectory}: pass --openapi.");
}
