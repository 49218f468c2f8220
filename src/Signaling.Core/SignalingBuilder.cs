using Microsoft.Extensions.DependencyInjection;

namespace Signaling.Core;

/// <summary>What <c>AddSignaling()</c> returns, so a storage provider can be chained: <c>.AddSqliteStorage()</c>.</summary>
public sealed class SignalingBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;
}
