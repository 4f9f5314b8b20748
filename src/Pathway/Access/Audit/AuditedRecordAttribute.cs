using Microsoft.AspNetCore.Mvc.Filters;

namespace Pathway.Access.Audit;

/// <summary>
/// Marks a page that shows or changes one client record, identified by its <c>{id}</c> route value. Every
/// request to it is audited by <see cref="AuditedRecordFilter"/>: pages never call the audit trail for views.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AuditedRecordAttribute(string recordType) : Attribute
{
    public string RecordType { get; } = recordType;
}

public sealed class AuditedRecordFilter(AuditTrail audit) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var marker = context.ActionDescriptor.ModelTypeInfo?.GetCustomAttributes(typeof(AuditedRecordAttribute), true)
            .OfType<AuditedRecordAttribute>().FirstOrDefault();
        if (marker is null || context.RouteData.Values["id"]?.ToString() is not { } id) return;

        var http = context.HttpContext;
        var action = HttpMethods.IsGet(http.Request.Method) ? AuditActions.View : AuditActions.Change;
        var status = executed.Result is Microsoft.AspNetCore.Mvc.Infrastructure.IStatusCodeActionResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        var outcome = executed.Exception is null && status < 400 ? AuditOutcomes.Allowed : AuditOutcomes.Refused;
        var person = await audit.PersonOfAsync(marker.RecordType, id, http.RequestAborted);
        await audit.RecordAsync(action, outcome, marker.RecordType, id, person, cancel: http.RequestAborted);
    }
}
