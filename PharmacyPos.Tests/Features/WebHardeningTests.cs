using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Pharmacy.Notifications;
using PharmacyPos.Web.Infrastructure.Security;

namespace PharmacyPos.Tests.Features;

/// <summary>What the app tells browsers and refuses from the network: headers, cookies, host names and message sizes.</summary>
public class WebHardeningTests : IClassFixture<PosAppFactory>
{
    private readonly PosAppFactory _app;

    public WebHardeningTests(PosAppFactory app) => _app = app;

    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/", true)]
    [InlineData("/pharmacy/logbook", true)]
    public async Task Pages_carry_the_content_security_policy_and_the_other_security_headers(string path, bool signedIn)
    {
        using var client = _app.CreateBrowserLikeClient();
        if (signedIn) await PosAppFactory.SignInAsync(client, "pharmacist", "Pharmacist-Demo-1");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains($"report-uri {ContentSecurityPolicy.ReportPath}", policy, StringComparison.Ordinal);
        var scripts = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe", scripts, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());

        // The only inline script on a page is the import map, and it carries this response's nonce.
        var nonce = Regex.Match(scripts, "'nonce-([^']+)'").Groups[1].Value;
        var html = await response.Content.ReadAsStringAsync();
        var inline = Regex.Matches(html, "<script(?![^>]*\\ssrc=)[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, tag => Assert.Contains($"nonce=\"{nonce}\"", System.Net.WebUtility.HtmlDecode(tag), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_response_gets_its_own_nonce()
    {
        using var client = _app.CreateBrowserLikeClient();
        var first = (await client.GetAsync("/account/login")).Headers.GetValues("Content-Security-Policy").Single();
        var second = (await client.GetAsync("/account/login")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Cookies_are_secure_in_Production()
    {
        await using var production = new PosAppFactory
        {
            Settings = new Dictionary<string, string?>
            {
                ["environment"] = "Production", ["Demo:Seed"] = "false", ["Payments:AllowSimulatedTerminal"] = "true",
            },
        };
        // Production sits behind TLS (the gateway forwards the scheme): requests arrive as https.
        using var client = production.CreateBrowserLikeClient();
        client.BaseAddress = new Uri("https://localhost");

        var login = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        Assert.Equal("Production", production.Services.GetRequiredService<IWebHostEnvironment>().EnvironmentName);
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var auth = production.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(CookieSecurePolicy.Always, auth.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task A_request_for_a_host_not_in_AllowedHosts_is_refused()
    {
        await using var app = new PosAppFactory
        {
            Settings = new Dictionary<string, string?> { ["AllowedHosts"] = "pos.example-pharmacy.com;localhost" },
        };
        using var client = app.CreateBrowserLikeClient();

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        foreign.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(foreign)).StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        own.Headers.Host = "pos.example-pharmacy.com";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
    }

    [Fact]
    public void The_circuit_takes_the_largest_signature_the_pad_can_send_and_no_more_than_its_limit()
    {
        // The pad's strokes() result at the domain's limits: MaxPoints points at MaxCoordinate in MaxStrokes strokes.
        var perStroke = PatientSignature.MaxPoints / PatientSignature.MaxStrokes;
        var strokes = Enumerable.Range(0, PatientSignature.MaxStrokes)
            .Select(_ => Enumerable.Range(0, perStroke).Select(_ => new[] { PatientSignature.MaxCoordinate, PatientSignature.MaxCoordinate }).ToArray())
            .ToArray();
        var largest = JsonSerializer.SerializeToUtf8Bytes(strokes).Length;

        Assert.Equal(70_401, largest);
        Assert.True(largest > 32 * 1024, "the framework's default would cut the largest signature off");
        Assert.True(largest + 8 * 1024 < WebHardening.CircuitMaxReceiveBytes, "room for the message envelope");

        var componentHub = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly
            .GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var options = _app.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(componentHub)));
        var hubOptions = (HubOptions)options.GetType().GetProperty("Value")!.GetValue(options)!;
        Assert.Equal(WebHardening.CircuitMaxReceiveBytes, hubOptions.MaximumReceiveMessageSize);
    }

    [Fact]
    public async Task The_pharmacy_hub_refuses_a_message_larger_than_its_limit()
    {
        using var client = _app.CreateBrowserLikeClient();
        var signIn = await PosAppFactory.SignInAsync(client, "cashier", "Cashier-Demo-1");
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, PharmacyHub.Path.TrimStart('/')), o =>
            {
                o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = cookies;
            })
            .Build();
        var closed = new TaskCompletionSource<Exception?>();
        connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        await connection.StartAsync();

        await connection.InvokeAsync(nameof(PharmacyHub.RequestCounseling), "Dana Buyer", "Amoxicillin");
        var oversized = new string('x', WebHardening.HubMaxReceiveBytes);
        await Assert.ThrowsAnyAsync<Exception>(() => connection.InvokeAsync(nameof(PharmacyHub.RequestCounseling), oversized, "Amoxicillin"));

        // The server closes the connection with an error (its log names the maximum message size).
        var reason = await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(reason);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }
}
