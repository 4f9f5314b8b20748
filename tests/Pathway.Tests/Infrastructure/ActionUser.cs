using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Tests.Infrastructure;

/// <summary>
/// A case worker signed in for an action test, without the web: their staff account, and the scope service as their request
/// would have it, so an action's scope check and audited refusal run as they do behind a page or an endpoint.
/// </summary>
public static class ActionUser
{
    public static async Task<RecordAccess> AccessAsync(PathwayDb db, Caseworker who, string role = Roles.RecoveryWorker)
    {
        if (!await db.Users.AnyAsync(u => u.Id == who.Id))
        {
            db.Users.Add(new StaffUser { Id = who.Id, UserName = who.Id, Email = $"{who.Id}@example.com", DisplayName = who.Name, ProviderCode = who.ProviderCode });
            await db.SaveChangesAsync();
        }
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, who.Id), new Claim(ClaimTypes.Name, who.Id), new Claim(ClaimTypes.Role, role)], "test"));
        var http = new RequestOf(new DefaultHttpContext { User = user });
        return new RecordAccess(db, new AuditTrail(db, http, TimeProvider.System), http);
    }

    /// <summary>One request's context, held plainly (HttpContextAccessor's would not flow out of the async method that set it).</summary>
    private sealed class RequestOf(HttpContext context) : IHttpContextAccessor
    {
        public HttpContext? HttpContext { get => context; set { } }
    }
}
