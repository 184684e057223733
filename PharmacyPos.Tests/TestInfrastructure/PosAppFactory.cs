using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace PharmacyPos.Tests.TestInfrastructure;

/// <summary>
/// The whole app in the test process, on its embedded default (a private SQLite file) with demo data,
/// or on PostgreSQL and Redis when asked. <see cref="StartOnKestrel"/> serves it on a real port for Chromium.
/// </summary>
public sealed class PosAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pos-app-").FullName;
    private readonly Dictionary<string, string?> _settings;

    public PosAppFactory()
    {
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:PosSqlite"] = $"Data Source={Path.Combine(_folder, "pos.db")}",
            ["Demo:Seed"] = "true",
            ["Storage:LocalPath"] = Path.Combine(_folder, "archive"),
        };
    }

    /// <summary>Settings on top of the embedded default, as configuration would give them.</summary>
    public IDictionary<string, string?> Settings
    {
        init
        {
            foreach (var (key, v) in value)
                _settings[key] = v;
        }
    }

    /// <summary>Set to pin the clock (sale times, expiry, age checks) for the whole app.</summary>
    public FakeTimeProvider? Time { get; init; }

    public string Folder => _folder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework's and MudBlazor's scripts come from a publish folder; tests run from the build.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            }
        });
    }

    public string StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    public HttpClient CreateBrowserLikeClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>Signs in through the real sign-in form (antiforgery token and all); returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string register = "R1")
    {
        var form = await client.GetStringAsync("/account/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.Register"] = register,
        }));
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
