using Microsoft.AspNetCore.Authorization;
using Pathway.Access;

namespace Pathway.Access.Audit;

public static class AuditRegistration
{
    public static void AddPathwayAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<RecordAccess>();
        // Registered after Identity's own, so this one is used for every sign-in and session refresh.
        builder.Services.AddScoped<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<StaffUser>, StaffClaims>();
        builder.Services.AddScoped<AuditedRecordFilter>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditedRefusals>();
    }
}
