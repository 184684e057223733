using Azure.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Web.Infrastructure.Configuration;

namespace PharmacyPos.Web.Infrastructure.Security;

/// <summary>
/// What a browser and the network may do with the app: security headers and the content security policy,
/// cookies that never travel over plain HTTP, the host names the app answers to, the size of what a screen
/// may send over its circuit, and the Data Protection key ring encrypted at rest with a Key Vault key.
/// </summary>
public static class WebHardening
{
    public const string AllowedHostsSetting = "AllowedHosts";
    public const string KeyVaultKeySetting = "DataProtection:KeyVaultKeyId";
    public const string AzureClientIdSetting = "AZURE_CLIENT_ID";

    /// <summary>
    /// The largest message a register sends over its circuit is the signature pad's strokes (signature-pad.js
    /// strokes(), a JSON array of [x,y] pairs): at most <see cref="PatientSignature.MaxPoints"/> points with
    /// coordinates up to <see cref="PatientSignature.MaxCoordinate"/> ("[10000,10000]" and a comma, 14 bytes a point)
    /// in up to <see cref="PatientSignature.MaxStrokes"/> strokes: 70,401 bytes measured (WebHardeningTests); the pad's
    /// own 480 x 160 canvas sends at most 50,401. The framework's 32 KB default would cut a long signature off; 96 KB
    /// leaves room for the message envelope, and anything larger closes the circuit.
    /// </summary>
    public const int CircuitMaxReceiveBytes = 96 * 1024;

    /// <summary>Any other hub: the pharmacy hub receives a counseling call of two names clipped to 120 characters.</summary>
    public const int HubMaxReceiveBytes = 4 * 1024;

    /// <summary>Reads and checks the settings; a wrong one stops the start with a message that names it.</summary>
    public static IServiceCollection AddWebHardening(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        CheckAllowedHosts(configuration[AllowedHostsSetting]);

        // Outside Development a cookie is never sent over plain HTTP (the gateway terminates TLS; the app sees
        // https through the forwarded headers). The test host serves loopback HTTP under its own "Testing" environment.
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.PostConfigure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.Always);
        }

        if (configuration[KeyVaultKeySetting] is { Length: > 0 } keyId && keyId.Trim() is var id)
        {
            if (KeyVaultKeyRingEncryption.Problem(id) is { } problem)
                throw new PosConfigurationException(KeyVaultKeySetting, problem);
            services.AddDataProtection().ProtectKeysWithAzureKeyVault(new Uri(id), ManagedIdentity(configuration));
        }
        return services;
    }

    /// <summary>Headers on every response, cookie rules, and the endpoint that takes policy violation reports.</summary>
    public static WebApplication UseWebHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        app.MapContentSecurityPolicyReports();
        return app;
    }

    /// <summary>The app's managed identity: the user-assigned one named by AZURE_CLIENT_ID, or the system one.</summary>
    private static ManagedIdentityCredential ManagedIdentity(IConfiguration configuration) =>
        configuration[AzureClientIdSetting] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);

    /// <summary>Host names separated by ';' ("*" for any, "*.example.com" for subdomains); no scheme, port or path.</summary>
    private static void CheckAllowedHosts(string? value)
    {
        // Unset, the framework answers any host (as "*" does); appsettings.json sets "*" explicitly.
        if (string.IsNullOrWhiteSpace(value)) return;
        foreach (var entry in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry;
            if (entry != "*" && Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
                throw new PosConfigurationException(AllowedHostsSetting,
                    $"lists \"{entry}\", which is not a host name: give names only, without http:// or a port, separated by ';'.");
        }
    }
}
