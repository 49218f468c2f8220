namespace Signaling.Contract;

/// <summary>A check that did not hold; its message is what the table prints for the operation.</summary>
public sealed class ContractFailure(string message) : Exception(message);
