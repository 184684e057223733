using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Identity;

/// <summary>A member of staff signed in through the real form, and the register screens of that sign-in.</summary>
internal sealed class SignedInSession(PosAppFactory app, HttpClient client, ClaimsPrincipal user)
{
    public HttpClient Client => client;
    public ClaimsPrincipal User => user;

    public static async Task<SignedInSession> StartAsync(PosAppFactory app, string userName, string password, string register = "R1")
    {
        var client = app.CreateBrowserLikeClient();
        var response = await PosAppFactory.SignInAsync(client, userName, password, register);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pos.auth=", StringComparison.Ordinal));
        var value = cookie["pos.auth=".Length..].Split(';')[0];
        // The cookie's own principal: what every page and circuit of this sign-in sees.
        var format = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        return new SignedInSession(app, client, format.Unprotect(value)!.Principal);
    }

    /// <summary>The register's lock as one screen sees it (a page load or a reconnect makes a new one).</summary>
    public RegisterLockState Screen() => new(
        app.Services.GetRequiredService<IDistributedCache>(), new Fixed(user),
        app.Services.GetRequiredService<IDbContextFactory<PosDbContext>>(),
        app.Services.GetRequiredService<IPasswordHasher<RegisterPin>>(),
        app.Services.GetRequiredService<IAuditTrail>(), TimeProvider.System);

    public static async Task<List<AuditEvent>> AuditAsync(PosAppFactory app, string eventType)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PosDbContext>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().AsNoTracking().Where(e => e.EventType == eventType).OrderBy(e => e.Sequence).ToListAsync();
    }

    private sealed class Fixed(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
