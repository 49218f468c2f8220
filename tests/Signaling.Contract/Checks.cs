namespace Signaling.Contract;

/// <summary>Small assertions the surface checks share; each failure becomes the operation's FAIL line.</summary>
public static class Checks
{
    /// <summary>A value an earlier check made (an invitation id, a stream); missing when that check failed.</summary>
    public static T Need<T>(T? value) where T : class => value ?? throw new ContractFailure("skipped: an earlier check it builds on failed");

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ContractFailure(message);
        }
    }
}
