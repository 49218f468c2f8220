namespace Signaling.Contract.Surfaces;

/// <summary>Every surface the kit checks, by the name its document and its routes use.</summary>
public static class SurfaceContracts
{
    public static IReadOnlyDictionary<string, Func<ContractRun, Credentials, Task>> All { get; } = new Dictionary<string, Func<ContractRun, Credentials, Task>>
    {
        ["v1"] = V1Contract.RunAsync,
        ["tencent"] = TencentContract.RunAsync,
        ["openim"] = OpenIMContract.RunAsync,
        ["nim"] = NimContract.RunAsync,
        ["agora"] = AgoraContract.RunAsync,
    };
}
