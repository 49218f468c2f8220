using System.Text.Json.Nodes;
using Signaling.Adapters.OpenIM.Auth;

namespace Signaling.Adapters.OpenIM.Tests;

/// <summary>OpenIM tokens, reference B.8.</summary>
public sealed class OpenIMTokenTests
{
    private static readonly DateTimeOffset Iat = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    [Fact]
    [Trait("VendorFact", "B.8 computed vector: {UserID:u1, PlatformID:1, exp, nbf, iat} with secret openIM123")]
    public void Create_ReproducesThePublishedV3Vector()
    {
        var token = Hs256Jwt.Create(new JsonObject { ["UserID"] = "u1", ["PlatformID"] = 1, ["exp"] = 1707776000, ["nbf"] = 1699999700, ["iat"] = 1700000000 }, "openIM123");

        Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJVc2VySUQiOiJ1MSIsIlBsYXRmb3JtSUQiOjEsImV4cCI6MTcwNzc3NjAwMCwibmJmIjoxNjk5OTk5NzAwLCJpYXQiOjE3MDAwMDAwMDB9.1ikXtoYf2z4Zkg2lwWqmTWFotj2M664oy3MSu5GIeZk",
            token);
    }

    [Fact]
    [Trait("VendorFact", "B.8 v3 claims {UserID, PlatformID}")]
    public void Validate_V3Vector_GivesUserAndPlatform() =>
        Assert.Equal(("u1", 1, JwtFailure.None), OpenIMTokens.Validate(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJVc2VySUQiOiJ1MSIsIlBsYXRmb3JtSUQiOjEsImV4cCI6MTcwNzc3NjAwMCwibmJmIjoxNjk5OTk5NzAwLCJpYXQiOjE3MDAwMDAwMDB9.1ikXtoYf2z4Zkg2lwWqmTWFotj2M664oy3MSu5GIeZk",
            "openIM123", Iat));

    [Fact]
    [Trait("VendorFact", "B.8 v2 claims {UID, Platform:\"IOS\"}")]
    public void Validate_V2Claims_MapThePlatformName() =>
        Assert.Equal(("u2", 1, JwtFailure.None), OpenIMTokens.Validate(OpenIMTokens.IssueV2("u2", 1, "tuoyun", Iat, TimeSpan.FromDays(1)), "tuoyun", Iat));

    [Theory]
    [InlineData("expired", JwtFailure.Expired)]
    [InlineData("not yet", JwtFailure.NotYetValid)]
    [InlineData("other secret", JwtFailure.Invalid)]
    [InlineData("garbage", JwtFailure.Malformed)]
    [InlineData("", JwtFailure.Missing)]
    public void Validate_Refusals(string kind, JwtFailure expected)
    {
        var token = kind switch
        {
            "expired" => OpenIMTokens.IssueV3("u1", 1, "s", Iat, TimeSpan.FromHours(1)),
            "not yet" => OpenIMTokens.IssueV3("u1", 1, "s", Iat.AddHours(1), TimeSpan.FromHours(1)),
            "other secret" => OpenIMTokens.IssueV3("u1", 1, "t", Iat, TimeSpan.FromHours(1)),
            "garbage" => "not.a.jwt",
            _ => "",
        };

        Assert.Equal(expected, OpenIMTokens.Validate(token, "s", kind == "expired" ? Iat.AddHours(2) : Iat).Failure);
    }
}

public sealed class LiveKitTokenTests
{
    [Fact]
    public void For_Configured_IsAnHs256TokenWithTheRoomGrant()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        var (token, url) = LiveKitTokens.For(new LiveKitOptions { Url = "wss://lk.example", ApiKey = "APIkey", ApiSecret = "a-long-livekit-secret" }, "u1", "room-1", now);

        var (claims, failure) = Hs256Jwt.Read(token, "a-long-livekit-secret");
        Assert.Equal(JwtFailure.None, failure);
        Assert.Equal("wss://lk.example", url);
        Assert.Equal("APIkey", claims.GetProperty("iss").GetString());
        Assert.Equal("u1", claims.GetProperty("sub").GetString());
        Assert.Equal("room-1", claims.GetProperty("video").GetProperty("room").GetString());
        Assert.True(claims.GetProperty("video").GetProperty("roomJoin").GetBoolean());
    }

    [Fact]
    public void For_NotConfigured_IsEmpty() => Assert.Equal(("", ""), LiveKitTokens.For(null, "u1", "room-1", DateTimeOffset.UnixEpoch));
}
