namespace Signaling.Adapters.OpenIM;

/// <summary>OpenIM platform ids and names (reference B.9). A user's platform is their device on the gateway.</summary>
public static class Platforms
{
    public const int Admin = 10;

    private static readonly string[] Names = ["", "IOS", "Android", "Windows", "OSX", "Web", "MiniWeb", "Linux", "APad", "IPad", "Admin"];

    public static int? IdOf(string name)
    {
        var index = Array.FindIndex(Names, n => n.Length > 0 && string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return index > 0 ? index : null;
    }

    public static string NameOf(int id) => id > 0 && id < Names.Length ? Names[id] : "";

    public static bool IsKnown(int id) => id > 0 && id < Names.Length;
}
