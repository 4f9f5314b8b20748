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
            // On the trail of the person the refused page was about, when it names one.
            var access = context.RequestServices.GetRequiredService<RecordAccess>();
            var recordType = context.GetEndpoint()?.Metadata.GetMetadata<AuditedRecordAttribute>()?.RecordType;
            await access.RefusedAsync(recordType, context.GetRouteValue("id")?.ToString(), context.RequestAborted);
        }
        await standard.HandleAsync(next, context, policy, result);
    }
}
