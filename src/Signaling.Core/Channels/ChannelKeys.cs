namespace Signaling.Core.Channels;

public static class ChannelKeys
{
    /// <summary>A live channel's name: names are unique among live channels.</summary>
    public static string Name(string name) => $"channel-name:{name}";
}
