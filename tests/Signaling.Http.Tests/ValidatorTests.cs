using FluentValidation.TestHelper;
using Signaling.Core;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Canonical.Validators;
using Signaling.Http.Validation;

namespace Signaling.Http.Tests;

public sealed class ValidatorTests
{
    private readonly CreateInvitationBodyValidator _invitation = new();

    [Fact]
    public void CreateInvitation_Valid_Passes() =>
        _invitation.TestValidate(new CreateInvitationBody { Invitees = ["bob"], Data = "x", TimeoutSeconds = 30 }).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void CreateInvitation_NoInvitees_Fails() =>
        _invitation.TestValidate(new CreateInvitationBody { Invitees = [] }).ShouldHaveValidationErrorFor(x => x.Invitees);

    [Fact]
    public void CreateInvitation_TooManyInvitees_Fails() =>
        _invitation.TestValidate(new CreateInvitationBody { Invitees = Enumerable.Range(0, 101).Select(i => $"u{i}").ToList() })
            .ShouldHaveValidationErrorFor(x => x.Invitees);

    [Theory]
    [InlineData("with space")]
    [InlineData("tab\there")]
    [InlineData("ünïcode")]
    public void CreateInvitation_InviteeNotVisibleAscii_Fails(string invitee) =>
        Assert.False(_invitation.TestValidate(new CreateInvitationBody { Invitees = [invitee] }).IsValid);

    [Fact]
    public void CreateInvitation_IdOf129Characters_Fails() =>
        _invitation.TestValidate(new CreateInvitationBody { Invitees = ["bob"], RoomId = new string('r', 129) }).ShouldHaveValidationErrorFor(x => x.RoomId);

    [Fact]
    public void CreateInvitation_DataOver12KB_FailsAsPayloadTooLarge()
    {
        var result = _invitation.TestValidate(new CreateInvitationBody { Invitees = ["bob"], Data = new string('x', Limits.MaxDataBytes + 1) });

        result.ShouldHaveValidationErrorFor(x => x.Data).WithErrorCode(ValidationFilter.PayloadTooLarge);
    }

    [Fact]
    public void CreateInvitation_DataCountsUtf8Bytes()
    {
        // 4,100 three-byte characters: 12,300 bytes, over the limit though under 12,288 characters.
        var result = _invitation.TestValidate(new CreateInvitationBody { Invitees = ["bob"], Data = new string('中', 4100) });

        result.ShouldHaveValidationErrorFor(x => x.Data);
    }

    [Fact]
    public void CreateInvitation_NegativeTimeout_Fails() =>
        _invitation.TestValidate(new CreateInvitationBody { Invitees = ["bob"], TimeoutSeconds = -1 }).ShouldHaveValidationErrorFor(x => x.TimeoutSeconds);

    [Fact]
    public void Message_Empty_Fails() => new MessageBodyValidator().TestValidate(new MessageBody("")).ShouldHaveValidationErrorFor(x => x.Message);

    [Fact]
    public void JoinChannel_NegativeUid_Fails() => new JoinChannelBodyValidator().TestValidate(new JoinChannelBody(-5)).ShouldHaveValidationErrorFor(x => x.Uid);

    [Fact]
    public void CreateChannel_ZeroMemberLimit_Fails() =>
        new CreateChannelBodyValidator().TestValidate(new CreateChannelBody { MemberLimit = 0 }).ShouldHaveValidationErrorFor(x => x.MemberLimit);
}
