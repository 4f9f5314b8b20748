using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Pathway.Access.Audit;

/// <summary>Every refused access by a signed-in user is written to the audit trail before the refusal is sent.</summary>
public sealed class AuditedRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden)
        {
            var audit = context.RequestServices.GetRequiredService<AuditTrail>();
            var id = context.GetRouteValue("id")?.ToString();
            await audit.RecordAsync(AuditActions.Refused, AuditOutcomes.Refused, recordId: id, cancel: context.RequestAborted);
        }
        await standard.HandleAsync(next, context, policy, result);
    }
}
