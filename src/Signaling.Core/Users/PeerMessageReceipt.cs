namespace Signaling.Core.Users;

/// <summary>The message's place in the recipient's log, and whether they had a live connection when it was sent.</summary>
public sealed record PeerMessageReceipt(long Sequence, bool RecipientOnline);
