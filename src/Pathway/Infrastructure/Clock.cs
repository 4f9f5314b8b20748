using Microsoft.EntityFrameworkCore.Infrastructure;
using Pathway.Data;

namespace Pathway.Infrastructure;

/// <summary>
/// "Today" and "now" come from the one registered <see cref="TimeProvider"/>, so a test can pin the date and every page,
/// rule and audit event agrees on it. The service's day is the day in England, whatever the server's time zone.
/// </summary>
public static class Clock
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), London).DateTime);

    public static TimeProvider Time(this HttpContext http) => http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;

    public static DateOnly Today(this HttpContext http) => http.Time().Today();

    /// <summary>
    /// The clock of the application whose unit of work this is (the web app's registered one, which a test pins), else the
    /// system's (the command line, which has no application services): rules that save take "now" from the database they
    /// save to, so no caller has to pass a clock down.
    /// </summary>
    public static TimeProvider Time(this PathwayDb db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TimeProvider>()
        ?? TimeProvider.System;

    /// <summary>An instant as a clock in England shows it.</summary>
    public static DateTime InEngland(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, London).DateTime;
}
