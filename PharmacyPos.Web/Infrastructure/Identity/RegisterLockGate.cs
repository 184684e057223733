using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Caching.Distributed;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>
/// A locked register shows only its lock screen (the layout hides every page), and its links refuse too: an export or
/// any other endpoint that needs a signed-in member of staff answers 423 Locked while the session's register is locked.
/// Pages, the app's own connection and sign-out stay reachable, so the lock screen can unlock or sign out.
/// </summary>
public static class RegisterLockGate
{
    public const string Refusal = "This register is locked. Unlock it with your PIN, or sign out.";

    /// <summary>Marks an endpoint a locked register may still use (sign-out).</summary>
    public sealed class Exempt;

    public static IApplicationBuilder UseRegisterLockGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is not null
            && context.User.Identity?.IsAuthenticated == true
            && endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
            && endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null
            && endpoint.Metadata.GetMetadata<HubMetadata>() is null
            && endpoint.Metadata.GetMetadata<Exempt>() is null
            && await RegisterLockState.IsLockedAsync(context.RequestServices.GetRequiredService<IDistributedCache>(), context.User, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status423Locked;
            await context.Response.WriteAsync(Refusal, context.RequestAborted);
            return;
        }
        await next(context);
    });
}
