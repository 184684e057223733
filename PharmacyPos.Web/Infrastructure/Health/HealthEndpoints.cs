using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PharmacyPos.Web.Infrastructure.Health;

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    public const string NotConfigured = "NotConfigured";

    public static IServiceCollection AddPosHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag])
            .AddCheck<DiskHealthCheck>("disk")
            .AddCheck<MemoryHealthCheck>("memory");
        return services;
    }

    /// <summary>
    /// Probes for App Service, the load balancer and the slot swap. Anonymous by design (a probe has no
    /// sign-in) and so they say nothing a stranger could use: status words only, no connection details.
    /// </summary>
    public static void MapPosHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/api/health", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .AllowAnonymous().DisableAntiforgery();
        app.MapHealthChecks("/api/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var body = new
        {
            status = report.Status.ToString(),
            timestamp = time.GetUtcNow().ToString("O"),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Data.ContainsKey(NotConfigured) ? NotConfigured : e.Value.Status.ToString(),
                    description = e.Value.Description,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
