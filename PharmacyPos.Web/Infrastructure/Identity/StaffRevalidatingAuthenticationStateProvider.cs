using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>
/// Re-checks an open screen's sign-in every <see cref="IdentityServiceCollectionExtensions.RevalidationInterval"/>:
/// a circuit keeps the principal it started with, so without this a deactivated or demoted member of staff would keep
/// their rights on open screens until the next reload. A changed security stamp (every staff change makes one) or a
/// deactivated account signs the screen out.
/// </summary>
public sealed class StaffRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identityOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => IdentityServiceCollectionExtensions.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillEntitledAsync(authenticationState.User, cancellationToken);

    /// <summary>True while the member of staff is active and nothing about them has changed since they signed in.</summary>
    public async Task<bool> IsStillEntitledAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.Active)
            return false;
        if (!users.SupportsUserSecurityStamp)
            return true;
        var stamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && stamp == await users.GetSecurityStampAsync(user);
    }
}
