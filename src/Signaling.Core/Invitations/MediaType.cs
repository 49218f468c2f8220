namespace Signaling.Core.Invitations;

[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<MediaType>))]
public enum MediaType
{
    Audio,
    Video,
    Custom,
}
