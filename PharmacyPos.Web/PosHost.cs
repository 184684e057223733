using MudBlazor.Services;
using PharmacyPos.Web.Components;
using PharmacyPos.Web.Features;
using PharmacyPos.Web.Infrastructure.Caching;
using PharmacyPos.Web.Infrastructure.Configuration;
using PharmacyPos.Web.Infrastructure.Health;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;
using PharmacyPos.Web.Infrastructure.Security;
using PharmacyPos.Web.Infrastructure.Storage;
using PharmacyPos.Web.Infrastructure.Telemetry;

namespace PharmacyPos.Web;

public static class PosHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        // A command's own switches (audit verify --archive) are not configuration settings.
        var switches = words.Length == 0 ? [] : args[words.Length..].Where(PosCommands.IsCommandFlag).ToArray();
        var command = words.Concat(switches).ToArray();
        var builder = WebApplication.CreateBuilder(args[words.Length..].Where(a => !switches.Contains(a)).ToArray());

        PosSettings settings;
        try
        {
            settings = PosSettings.Load(builder.Configuration, builder.Environment.ContentRootPath,
                builder.Environment.IsDevelopment(), builder.Environment.IsProduction(), servesRegisters: command.Length == 0);
            builder.Services.AddWebHardening(builder.Configuration, builder.Environment);
        }
        catch (PosConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"PharmacyPos cannot start. {ex.Message}");
            return 2;
        }

        builder.Services.AddPosServices(settings);
        builder.Services.AddStorage(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddPosTelemetry(builder.Configuration, settings.ApplicationInsightsConnectionString);
        var app = builder.Build();

        switch (command)
        {
            case ["migrate", .. var phase] when phase.Length == 0 || phase is ["expand"] or ["contract"]:
                await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(phase switch
                {
                    ["expand"] => MigrationPhase.Expand,
                    ["contract"] => MigrationPhase.Contract,
                    _ => MigrationPhase.All,
                }, CancellationToken.None);
                return 0;
            case []:
                break;
            default:
                return await PosCommands.RunAsync(app, command);
        }

        try
        {
            await PrepareDatabaseAsync(app, settings);
            app.UsePosPipeline();
            await app.RunAsync();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            // Settings bound to options (Storage:...) are checked at start; the failure names the setting.
            await Console.Error.WriteLineAsync($"PharmacyPos cannot start. {string.Join(" ", ex.Failures)}");
            return 2;
        }
        return 0;
    }

    public static IServiceCollection AddPosServices(this IServiceCollection services, PosSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        // Message size limits are sized from what a screen sends (see WebHardening).
        var signalR = services.AddSignalR(o => o.MaximumReceiveMessageSize = WebHardening.HubMaxReceiveBytes);
        services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            // A register that loses its network keeps its circuit for a while; its cart is in the database anyway.
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(5);
            o.DisconnectedCircuitMaxRetained = 500;
        }).AddHubOptions(o => o.MaximumReceiveMessageSize = WebHardening.CircuitMaxReceiveBytes);
        // Messages at the bottom: the top right holds page actions (Add staff, Export) they would cover.
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
        services.AddPersistence(settings);
        services.AddCaching(settings, signalR);
        services.AddStaffIdentity();
        services.AddPosHealthChecks();
        // Registered as itself too, so the one instance behind the (metered) IPaymentTerminal can be inspected.
        services.AddSingleton<Infrastructure.Payments.SimulatedPaymentTerminal>();
        services.AddSingleton<Infrastructure.Payments.IPaymentTerminal>(sp => sp.GetRequiredService<Infrastructure.Payments.SimulatedPaymentTerminal>());
        services.AddFeatures();
        services.AddSingleton<DemoDataSeeder>();
        return services;
    }

    private static async Task PrepareDatabaseAsync(WebApplication app, PosSettings settings)
    {
        if (settings.MigrateOnStart)
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        if (settings.SeedDemoData)
            await app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
    }

    private static void UsePosPipeline(this WebApplication app)
    {
        app.UseWebHardening();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UsePosMetricsEndpoint();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRegisterLockGate();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapPosHealth();
        app.MapAccountEndpoints();
        app.MapFeatureEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
                app.Logger.LogInformation("PharmacyPos is ready: open {Url} and sign in (demo users are in the README).", url);
        });
    }
}
