using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PharmacyPos.Web.Infrastructure.Caching;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Health;

/// <summary>The database answers and its schema has no pending migration (a slot must not take traffic on an old schema).</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<PosDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("The database does not answer.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy($"{db.Provider} reachable, schema up to date.")
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied: run the migrate command.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

internal sealed class RedisHealthCheck(IRedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.Configured)
            return HealthCheckResult.Healthy("Not configured: the embedded default uses an in-memory cache.",
                new Dictionary<string, object> { [HealthEndpoints.NotConfigured] = true });
        try
        {
            var latency = await redis.Multiplexer!.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Reachable ({latency.TotalMilliseconds:0} ms).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", ex);
        }
    }
}

internal sealed class DiskHealthCheck(IWebHostEnvironment environment) : IHealthCheck
{
    private const double MinimumFreeFraction = 0.10;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var drive = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(environment.ContentRootPath)) ?? "/");
        var free = (double)drive.AvailableFreeSpace / drive.TotalSize;
        var text = $"{free:P0} free.";
        return Task.FromResult(free >= MinimumFreeFraction ? HealthCheckResult.Healthy(text) : HealthCheckResult.Degraded(text));
    }
}

internal sealed class MemoryHealthCheck : IHealthCheck
{
    private const double MaximumUsedFraction = 0.90;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var info = GC.GetGCMemoryInfo();
        var used = info.TotalAvailableMemoryBytes == 0 ? 0 : (double)info.MemoryLoadBytes / info.TotalAvailableMemoryBytes;
        var text = $"{used:P0} of available memory in use; managed heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB.";
        return Task.FromResult(used <= MaximumUsedFraction ? HealthCheckResult.Healthy(text) : HealthCheckResult.Degraded(text));
    }
}
