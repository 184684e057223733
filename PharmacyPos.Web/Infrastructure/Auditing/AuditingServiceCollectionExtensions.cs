using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PharmacyPos.Web.Infrastructure.Auditing;

public static class AuditingServiceCollectionExtensions
{
    /// <summary>
    /// The audit trail: appending (<see cref="IAuditTrail"/>), the chainer and the archive in the
    /// background, and the archive's health check. The background services start only with the
    /// web host: the migrate and audit verify commands never start them.
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditTrail, AuditTrail>();
        services.AddOptions<AuditChainerOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(AuditChainerOptions.SectionName).Bind(o))
            .Validate(o => o.Interval > TimeSpan.Zero, $"{AuditChainerOptions.SectionName}:Interval must be above zero.")
            .Validate(o => o.SettleWindow > TimeSpan.Zero, $"{AuditChainerOptions.SectionName}:SettleWindow must be above zero.")
            .Validate(o => o.BatchSize is >= 1 and <= 100_000, $"{AuditChainerOptions.SectionName}:BatchSize must be 1 to 100,000.");
        services.TryAddSingleton<AuditChainHorizon>();
        services.TryAddSingleton<AuditChainWatch>();
        services.TryAddSingleton<AuditChainer>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditChainer>());
        services.TryAddSingleton<AuditArchiveService>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditArchiveService>());
        services.TryAddSingleton<AuditTrailStatus>();
        services.AddHealthChecks()
            .AddCheck<ArchiveHealthCheck>(ArchiveHealthCheck.Name)
            .AddCheck<AuditChainHealthCheck>(AuditChainHealthCheck.Name);
        return services;
    }
}
