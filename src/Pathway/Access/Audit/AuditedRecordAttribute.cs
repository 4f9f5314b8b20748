using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Pathway.Data;

namespace Pathway.Access.Audit;

/// <summary>
/// Marks a page that shows or changes one client record, identified by its <c>{id:int}</c> route value. Every
/// request to it is checked against the user's scope and audited by <see cref="AuditedRecordFilter"/>: pages
/// never check scope or call the audit trail for views themselves.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AuditedRecordAttribute(string recordType) : Attribute
{
    public string RecordType { get; } = recordType;
}

/// <summary>
/// Marks a POST handler of a record page that only reads: a search within the record, posted so its words stay out of
/// the address, browser history and server logs. It is audited as a view of the record, not as an attempted change.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostedSearchAttribute : Attribute;

public sealed class AuditedRecordFilter(AuditTrail audit, PathwayDb db, RecordAccess access) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var marker = context.ActionDescriptor.ModelTypeInfo?.GetCustomAttributes(typeof(AuditedRecordAttribute), true)
            .OfType<AuditedRecordAttribute>().FirstOrDefault();
        if (marker is null)
        {
            await next();
            return;
        }
        var http = context.HttpContext;
        var id = context.RouteData.Values["id"]?.ToString();
        if (!await access.MayOpenAsync(marker.RecordType, id, http.RequestAborted))
        {
            context.Result = new NotFoundResult();
            return;
        }

        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || context.HandlerMethod?.MethodInfo.IsDefined(typeof(PostedSearchAttribute), false) == true)
        {
            var viewed = await next();
            await access.ViewedAsync(marker.RecordType, id!, Succeeded(viewed, http), http.RequestAborted);
            return;
        }

        var person = await audit.PersonOfAsync(marker.RecordType, id!, http.RequestAborted);
        // A change is audited in the same transaction as the change: the event waits in the unit of work, so the
        // handler's SaveChanges writes both or neither.
        var change = audit.Add(AuditActions.Change, AuditOutcomes.Succeeded, marker.RecordType, id, person);
        var executed = await next();
        if (db.Entry(change).State == EntityState.Unchanged) return;

        // Nothing was saved (invalid input, a stale version, a refusal): anything the handler left unsaved is
        // dropped, never saved half by this write, and the attempt is recorded on its own.
        db.ChangeTracker.Clear();
        await audit.RecordAsync(AuditActions.Change, Succeeded(executed, http) ? AuditOutcomes.Failed : AuditOutcomes.Refused,
            marker.RecordType, id, person, cancel: http.RequestAborted);
    }

    private static bool Succeeded(PageHandlerExecutedContext executed, HttpContext http)
    {
        var status = executed.Result is Microsoft.AspNetCore.Mvc.Infrastructure.IStatusCodeActionResult { StatusCode: { } code }
            ? code : http.Response.StatusCode;
        return executed.Exception is null && status < 400;
    }
}
