namespace Signaling.Core.Channels;

[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<ChannelType>))]
public enum ChannelType
{
    Audio,
    Video,
    Custom,
}
