using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Identity;

public static class IdentityServiceCollectionExtensions
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often a sign-in (the cookie, and an open screen's circuit) is checked against the member of staff's
    /// record: a deactivated, demoted or moved member of staff loses their rights within this time.
    /// </summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddStaffIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "pos.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // A shift, not forever: the counter signs in again the next day.
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });
        services.TryAddSingleton(TimeProvider.System);
        // The cookie's issue time and the stamp check read the app's clock, so both agree (and tests can move it).
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((o, time) => o.TimeProvider = time);
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<TimeProvider>((o, time) =>
            {
                o.TimeProvider = time;
                o.ValidationInterval = RevalidationInterval;
                // Identity rebuilds the principal from the database when it re-checks the stamp; the claims that
                // say where this member of staff works now (branch, register, session) exist only in the cookie.
                o.OnRefreshingPrincipal = PosClaims.KeepSignInClaims;
            });
        // Open screens re-check too (Blazor circuits never see the cookie again after they start).
        services.AddScoped<AuthenticationStateProvider, StaffRevalidatingAuthenticationStateProvider>();
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<PosDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthorizationBuilder().AddPosPolicies();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<IPasswordHasher<RegisterPin>, PasswordHasher<RegisterPin>>();
        services.AddHttpContextAccessor();
        services.AddSingleton<CredentialAttempts>();
        services.AddSingleton<ApproverCredentials>();
        services.AddSignInRateLimit();
        return services;
    }
}

/// <summary>Marker for hashing register PINs with Identity's hasher (PBKDF2), apart from passwords.</summary>
public sealed class RegisterPin;
