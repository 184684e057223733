using System.Net;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Tests.Features;

public class SignInTests : IClassFixture<PosAppFactory>
{
    private readonly PosAppFactory _app;

    public SignInTests(PosAppFactory app) => _app = app;

    [Fact]
    public async Task Wrong_password_gets_a_clear_message_and_no_cookie()
    {
        using var client = _app.CreateBrowserLikeClient();
        var response = await PosAppFactory.SignInAsync(client, "manager", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(WebUtility.HtmlEncode(StaffSignIn.BadCredentials), html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Account_locks_after_the_limit_and_the_right_password_is_then_refused()
    {
        using var client = _app.CreateBrowserLikeClient();
        for (var i = 0; i < IdentityServiceCollectionExtensions.MaxFailedSignIns; i++)
            await PosAppFactory.SignInAsync(client, "cashier2", "wrong-password");

        var response = await PosAppFactory.SignInAsync(client, "cashier2", "Cashier-Demo-2");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("locked", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Right_password_signs_in_and_sign_out_ends_the_session()
    {
        using var client = _app.CreateBrowserLikeClient();
        var response = await PosAppFactory.SignInAsync(client, "pharmacist", "Pharmacist-Demo-1");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.PathAndQueryOf());
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        var token = System.Text.RegularExpressions.Regex.Match(await home.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Return_url_to_another_site_is_ignored()
    {
        using var client = _app.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login?returnUrl=//evil.example/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = "admin",
            ["Input.Password"] = "Admin-Demo-1",
            ["Input.Register"] = "",
        }));
        Assert.Equal("/", response.Headers.Location!.PathAndQueryOf());
    }
}
