using Microsoft.AspNetCore.Authorization;

namespace Pathway.Access.Audit;

public static class AuditRegistration
{
    public static void AddPathwayAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<AuditedRecordFilter>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditedRefusals>();
    }
}
