namespace Pathway.Diary;

/// <summary>The service's day and clock: England's, whatever the server's zone, from the application's <see cref="TimeProvider"/>.</summary>
public static class London
{
    private static readonly TimeZoneInfo Zone = Find();

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);

    public static string Shown(DateTimeOffset instant) => Web.Words.Time(instant);

    private static TimeZoneInfo Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/London"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}
