using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>
/// Posts of the sign-in form, limited per device address by ASP.NET Core's rate limiter, before any password is
/// hashed: a script cannot make the server hash passwords or write audit records as fast as it can send.
/// Wrong passwords are limited more tightly by <see cref="CredentialAttempts"/>; this bounds everything else.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";
    public const int PostsPerMinute = 30;

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = async (context, ct) =>
            await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from this device. Wait a minute and try again.", ct);
        o.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = PostsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("read"));
    });
}
