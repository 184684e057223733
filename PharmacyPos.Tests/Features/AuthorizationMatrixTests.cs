using System.Collections.Concurrent;
using System.Net;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Components.Layout;
using PharmacyPos.Web.Infrastructure.Health;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.Features;

/// <summary>Every page, for every role: the page opens exactly for the roles its policy names, and is refused to the others.</summary>
public class AuthorizationMatrixTests : IClassFixture<PosAppFactory>
{
    private readonly PosAppFactory _app;

    public AuthorizationMatrixTests(PosAppFactory app) => _app = app;

    /// <summary>
    /// One signed-in device per role for the whole matrix, as staff sign in once and then open pages: the sign-in
    /// form is rate limited per device, and a sign-in per page would trip it.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Task<HttpClient>> SignedIn = new();

    private Task<HttpClient> SignedInAsync(string role) => SignedIn.GetOrAdd(role, async _ =>
    {
        var demo = DemoDataSeeder.Users.First(u => u.Role == role);
        var client = _app.CreateBrowserLikeClient();
        var signIn = await PosAppFactory.SignInAsync(client, demo.UserName, demo.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    });

    public static TheoryData<string, string> RolesAndPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in StaffRole.All)
            foreach (var page in NavItems.All)
                data.Add(role, page.Href);
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndPages))]
    public async Task Each_role_opens_exactly_the_pages_its_policy_allows(string role, string href)
    {
        var client = await SignedInAsync(role);

        var policy = NavItems.All.Single(i => i.Href == href).Policy;
        var allowed = Policies.Roles[policy].Contains(role);
        var response = await client.GetAsync(href);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> Roles() => [.. StaffRole.All];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Health_details_open_only_to_the_roles_of_the_administration_policy(string role)
    {
        var client = await SignedInAsync(role);

        var response = await client.GetAsync(HealthEndpoints.DetailsPath);

        if (Policies.Roles[Policies.Administration].Contains(role))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"got {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
                Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData(HealthEndpoints.DetailsPath)]
    [InlineData("/products")]
    [InlineData("/stock")]
    [InlineData("/admin/staff")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string href)
    {
        using var client = _app.CreateBrowserLikeClient();
        var response = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_policy_names_only_known_roles_and_every_page_has_one()
    {
        Assert.All(Policies.Roles.Values.SelectMany(r => r), r => Assert.Contains(r, StaffRole.All));
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false).Length > 0)
            .ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var authorize = page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), true)
                .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().ToList();
            var anonymous = page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute), true).Length > 0;
            Assert.True(anonymous || authorize.Any(a => a.Policy is not null && Policies.Roles.ContainsKey(a.Policy)),
                $"{page.Name} has no named authorization policy.");
            if (anonymous)
                Assert.StartsWith("PharmacyPos.Web.Components.Account", page.Namespace!, StringComparison.Ordinal);
        }
        await Task.CompletedTask;
    }
}
