namespace Signaling.Core.Channels;

public static class ChannelKeys
{
    /// <summary>A live channel's name: names are unique among live channels.</summary>
    public static string Name(string name) => $"channel-name:{name}";

    /// <summary>The channel a user joined last and has not left: what a reconnecting NIM client is told it is in.</summary>
    public static string Current(string userId) => $"user-channel:{userId}";
}
