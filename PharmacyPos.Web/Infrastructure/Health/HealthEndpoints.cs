using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Infrastructure.Health;

/// <summary>
/// The health contract of the operations guide. <c>/api/health</c> answers
/// <c>{"status":"healthy","timestamp":"2026-02-01T10:00:00Z","checks":{"database":"ok",...}}</c>: status words only,
/// because it is anonymous (probes and smoke tests have no sign-in) and a stranger learns nothing from it.
/// <c>/api/health/ready</c> is the readiness probe; <see cref="DetailsPath"/> gives admins the descriptions and timings.
/// </summary>
public static class HealthEndpoints
{
    public const string Path = "/api/health";
    public const string ReadyPath = "/api/health/ready";
    public const string DetailsPath = "/api/health/details";

    /// <summary>Checks an instance cannot sell without: only these take it out of the load balancer.</summary>
    public const string ReadyTag = "ready";
    /// <summary>Marks a check's result as "not configured" (Redis on the embedded default).</summary>
    public const string NotConfigured = "NotConfigured";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IServiceCollection AddPosHealthChecks(this IServiceCollection services)
    {
        // Redis is not on the readiness probe: the register sells without it (the cache falls back to the
        // database), so an outage must not take every instance out of the load balancer at once.
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis")
            .AddCheck<DiskHealthCheck>("disk")
            .AddCheck<MemoryHealthCheck>("memory");
        return services;
    }

    public static void MapPosHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WritePublicAsync })
            .AllowAnonymous().DisableAntiforgery();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WritePublicAsync,
        }).AllowAnonymous();
        app.MapHealthChecks(DetailsPath, new HealthCheckOptions { ResponseWriter = WriteDetailsAsync })
            .RequireAuthorization(Policies.Administration);
    }

    /// <summary>
    /// The instance's state in the guide's words. Only a ready check (the database) makes it unhealthy;
    /// any other check that is down or degraded leaves it degraded: it still sells.
    /// </summary>
    public static string OverallStatus(HealthReport report)
    {
        if (report.Entries.Any(e => e.Value.Status == HealthStatus.Unhealthy && e.Value.Tags.Contains(ReadyTag)))
            return "unhealthy";
        return report.Entries.Values.All(e => e.Status == HealthStatus.Healthy) ? "healthy" : "degraded";
    }

    public static string CheckStatus(HealthReportEntry entry) => entry.Data.ContainsKey(NotConfigured)
        ? "not_configured"
        : entry.Status switch
        {
            HealthStatus.Healthy => "ok",
            HealthStatus.Degraded => "degraded",
            _ => "down",
        };

    private static Task WritePublicAsync(HttpContext context, HealthReport report)
    {
        var status = OverallStatus(report);
        var body = new
        {
            status,
            timestamp = Timestamp(context),
            checks = report.Entries.ToDictionary(e => e.Key, e => CheckStatus(e.Value)),
        };
        return WriteAsync(context, status, body);
    }

    private static Task WriteDetailsAsync(HttpContext context, HealthReport report)
    {
        var status = OverallStatus(report);
        var body = new
        {
            status,
            timestamp = Timestamp(context),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = CheckStatus(e.Value),
                description = e.Value.Description,
                error = e.Value.Exception?.Message,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                readiness = e.Value.Tags.Contains(ReadyTag),
            }),
        };
        return WriteAsync(context, status, body);
    }

    // Seconds and a Z, as the guide shows it; from TimeProvider so tests can pin it.
    private static string Timestamp(HttpContext context) =>
        context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Task WriteAsync(HttpContext context, string status, object body)
    {
        // A degraded instance still answers 200: load balancers and the swap keep it while it can sell.
        context.Response.StatusCode = status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
