using System.Net;
using System.Text;
using System.Text.Json;
using Signaling.Gateway.Tests.Fuzz;
using Signaling.Gateway.Tests.Infrastructure;

namespace Signaling.Gateway.Tests;

/// <summary>
/// Issue #11 items 1–4, the fuzzer's reproducers kept as cases: every refusal is a 4xx in the shape of the surface the
/// path belongs to, whatever the Accept header, the form or the bytes of the body.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RefusalShapeTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Theory]
    [InlineData("/nope", "text/event-stream", 404)]
    [InlineData("/v1/invitations/%2e%2e", "text/html", 404)]
    [InlineData("/v1/nope", "application/xml", 404)]
    [InlineData("/tencent/nope", "text/html", 404)]
    [InlineData("/tencent/signaling/nope", "text/event-stream", 404)]
    [InlineData("/openim/nope", "text/html", 404)]
    [InlineData("/nim/nope", "text/html", 404)]
    [InlineData("/nim/nimserver/nope.action", "text/html", 404)]
    [InlineData("/agora/nope", "text/html", 404)]
    public async Task UnknownRoute_AnyAccept_IsRefusedInTheSurfacesShape(string path, string accept, int status)
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await http.SendAsync(request);

        await AssertShapedAsync(response, path, status);
    }

    [Theory]
    [InlineData("/v1/invitations")]
    [InlineData("/tencent/signaling/invite")]
    [InlineData("/openim/signalingInvite")]
    [InlineData("/nim/signalingCall")]
    [InlineData("/agora/login")]
    [InlineData("/nim/nimserver/signal/createRoom.action")]
    public async Task WrongContentType_Is415InTheSurfacesShape(string path)
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };

        var response = await http.PostAsync(path, new StringContent("<call/>", Encoding.UTF8, "application/xml"));

        await AssertShapedAsync(response, path, 415);
    }

    [Theory]
    [InlineData("accid", "a\0b")]
    [InlineData("LONGKEY", "1")]
    public async Task NimServerForm_ThatCannotBeParsed_Is414(string key, string value)
    {
        var form = new Dictionary<string, string>
        {
            [key == "LONGKEY" ? new string('k', 3000) : key] = value,
        };

        var (status, body) = await NimClient.ServerAsync(_gateway, "user/create.action", form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(414, body.GetProperty("code").GetInt32()); // reference A.6: 414 bad parameter
        Assert.Contains("form", body.GetProperty("desc").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"msgid":["\ud800"]}""")]
    [InlineData("RAW")]
    public async Task JsonThatIsNotValidText_IsRefusedInTheSurfacesShape(string json)
    {
        var body = json == "RAW" ? [.. "{\"msgid\":[\"a"u8, 0xED, .. "b\"]}"u8] : Encoding.UTF8.GetBytes(json);
        using var nim = _gateway.NimUser(GatewayFixture.Unique("nim"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/nim/signalingMarkMsgRead") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-NIM-AppKey", GatewayProcess.NimAppKey);
        request.Headers.Add("X-NIM-Accid", nim.Accid);
        request.Headers.Add("X-NIM-Token", nim.Token);

        var response = await nim.Http.SendAsync(request);

        await AssertShapedAsync(response, "/nim/signalingMarkMsgRead", 400);
    }

    [Fact]
    public async Task InvalidUtf8_InAPropertyTheSurfaceIgnores_IsRefused_AndCreatesNothing()
    {
        // RFC 8259 §8.1: JSON text is UTF-8. The fuzzer found bad bytes in an unknown property name accepted (a channel made).
        using var alice = _gateway.User(GatewayFixture.Unique("alice"));
        var name = GatewayFixture.Unique("room");
        byte[] body = [.. Encoding.UTF8.GetBytes($"{{\"name\":\"{name}\",\""), 0xFF, 0xFE, .. "x\":1}"u8]; // {"name":"…","\xFF\xFEx":1}
        var response = await alice.Http.PostAsync("/v1/channels", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });

        await AssertShapedAsync(response, "/v1/channels", 400);
        var again = await alice.PostAsync("/v1/channels", new { name });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode); // The name was never taken.
    }

    private static async Task AssertShapedAsync(HttpResponseMessage response, string path, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Null(SurfaceUnderFuzz.RefusalShapeProblem(path, status, response.Content.Headers.ContentType?.MediaType, text));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        _ = JsonDocument.Parse(text);
    }
}
