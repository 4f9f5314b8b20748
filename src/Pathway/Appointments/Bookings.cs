using Microsoft.EntityFrameworkCore;

namespace Pathway.Appointments;

/// <summary>
/// The rules of a booking, once: it is open until its contact is recorded or it is cancelled; a contact closes one
/// booking, and a booking closed either way cannot be recorded again, so a booking and its contact are counted once.
/// </summary>
public static class Bookings
{
    public const string AlreadyRecorded = "This appointment has already been recorded: its contact is on the case page";
    public const string WasCancelled = "This appointment was cancelled: record the contact without it";
    public const string EpisodeDischarged = "This episode has been discharged: appointments cannot be booked";
    public const string Discharged = "discharged";

    public static bool IsOpen(this Appointment booking) => booking.ContactId is null && booking.Contact is null && booking.CancelledAt is null;

    public static IQueryable<Appointment> Open(this IQueryable<Appointment> bookings) =>
        bookings.Where(a => a.ContactId == null && a.CancelledAt == null);

    /// <summary>Bookings in a worker's diary: theirs, and older ones made before bookings named a worker, by key worker.</summary>
    public static IQueryable<Appointment> With(this IQueryable<Appointment> bookings, string workerId) =>
        bookings.Where(a => a.WorkerId == workerId || (a.WorkerId == null && a.Episode.KeyWorkerId == workerId));

    /// <summary>Why a contact cannot be recorded against this booking, or null when it can.</summary>
    public static string? WhyNotRecordable(Appointment booking) =>
        booking.ContactId is not null ? AlreadyRecorded : booking.CancelledAt is not null ? WasCancelled : null;

    public static void Cancel(Appointment booking, string reason, DateTimeOffset at)
    {
        booking.CancelledAt = at;
        booking.CancelReason = reason.Trim();
    }

    /// <summary>Cancels the booking with the reason and books its replacement, which points back to it: the history stays.</summary>
    public static Appointment Reschedule(Appointment booking, DateOnly date, TimeOnly? time, string reason, DateTimeOffset at)
    {
        Cancel(booking, reason, at);
        return new Appointment
        {
            EpisodeId = booking.EpisodeId, Date = date, Time = time, Channel = booking.Channel, Kind = booking.Kind,
            WorkerId = booking.WorkerId, RescheduledFromId = booking.Id,
        };
    }

    /// <summary>Discharge cancels every open booking after the discharge date (one on the day may still be recorded).</summary>
    public static async Task<List<Appointment>> AfterDischargeAsync(Data.PathwayDb db, int episodeId, DateOnly discharge, CancellationToken cancel) =>
        await db.Appointments.Open().Where(a => a.EpisodeId == episodeId && a.Date > discharge)
            .OrderBy(a => a.Date).ThenBy(a => a.Time).ToListAsync(cancel);
}
