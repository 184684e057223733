using System.Net;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PharmacyPos.Web.Infrastructure.Payments;

namespace PharmacyPos.Web.Infrastructure.Telemetry;

/// <summary>Where the till's metrics go. Prometheus is served only to the networks listed; with none listed it is not mapped.</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";
    public const string PrometheusPath = "/metrics";

    /// <summary>Networks (CIDR, such as 10.20.0.0/24) whose Prometheus may read <see cref="PrometheusPath"/>.</summary>
    public List<string> PrometheusNetworks { get; init; } = [];

    public IReadOnlyList<IPNetwork> Networks() => [.. PrometheusNetworks.Select(n => IPNetwork.Parse(n))];
}

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The POS meter and Npgsql's, exported to Application Insights through Azure Monitor's OpenTelemetry distro when a
    /// connection string is set (the distro carries custom meters; the classic SDK does not), and to Prometheus when a
    /// monitoring network is set. Exporters send from their own background thread: one that cannot reach its endpoint
    /// never slows a sale. Card terminal calls are counted by wrapping whatever terminal is registered.
    /// </summary>
    public static IServiceCollection AddPosTelemetry(this IServiceCollection services, IConfiguration configuration, string? applicationInsights)
    {
        var section = configuration.GetSection(MonitoringOptions.SectionName);
        services.AddOptions<MonitoringOptions>().Bind(section)
            .Validate(o => o.PrometheusNetworks.All(n => IPNetwork.TryParse(n, out _)),
                $"{MonitoringOptions.SectionName}:PrometheusNetworks must list networks in CIDR form, such as 10.20.0.0/24.")
            .ValidateOnStart();
        var prometheus = section.GetSection(nameof(MonitoringOptions.PrometheusNetworks)).GetChildren().Any();
        if (applicationInsights is not null || prometheus)
        {
            var telemetry = services.AddOpenTelemetry();
            if (applicationInsights is not null)
                telemetry.UseAzureMonitor(o => o.ConnectionString = applicationInsights);
            telemetry.WithMetrics(m =>
            {
                m.AddMeter(PosMetrics.MeterName, PosMetrics.NpgsqlMeterName);
                if (prometheus) m.AddPrometheusExporter();
            });
            telemetry.WithTracing(t => t.AddSource(PosMetrics.MeterName));
        }

        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, OpenCircuitCounter>());
        services.AddSingleton<PosGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<PosGauges>());
        DecoratePaymentTerminal(services);
        return services;
    }

    /// <summary>Serves <see cref="MonitoringOptions.PrometheusPath"/> to the monitoring networks only, before sign-in is asked.</summary>
    public static void UsePosMetricsEndpoint(this WebApplication app)
    {
        var networks = app.Services.GetRequiredService<IOptions<MonitoringOptions>>().Value.Networks();
        if (networks.Count == 0)
            return;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MonitoringOptions.PrometheusPath
            && context.Connection.RemoteIpAddress is { } address
            && networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)));
    }

    private static void DecoratePaymentTerminal(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IPaymentTerminal));
        if (registered is null)
            return;
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IPaymentTerminal),
            sp => new MeteredPaymentTerminal(Create(sp, registered)), registered.Lifetime));
    }

    private static IPaymentTerminal Create(IServiceProvider sp, ServiceDescriptor registered) =>
        registered.ImplementationInstance as IPaymentTerminal
        ?? (IPaymentTerminal?)registered.ImplementationFactory?.Invoke(sp)
        ?? (IPaymentTerminal)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
}
