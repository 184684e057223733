using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>
/// "archive" on /api/health: Healthy while blocks are written, Degraded with the last error and the
/// number of failed runs while writing fails. Never on the readiness probe: a failing upload must not
/// take an instance out of the load balancer, because sales go on and the archive catches up.
/// </summary>
internal sealed class ArchiveHealthCheck(ArchiveHealth health, IAuditArchiveStore store) : IHealthCheck
{
    public const string Name = "archive";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = health.Current;
        var last = now.LastBlockNumber is { } block
            ? string.Create(CultureInfo.InvariantCulture, $"Last archived block {block:N0}, up to record {now.LastSequence:N0}.")
            : "No block archived yet.";
        if (!now.IsFailing)
            return Task.FromResult(HealthCheckResult.Healthy(last));
        // The probe is anonymous: the store's address is not given away.
        var error = (now.LastError ?? "unknown error").Replace(store.Location, "the archive", StringComparison.Ordinal);
        var failures = now.ConsecutiveFailures == 1 ? "1 failed run" : $"{now.ConsecutiveFailures} failed runs";
        return Task.FromResult(HealthCheckResult.Degraded($"{failures}; last error at {now.LastErrorAt:O}: {error} {last}"));
    }
}
