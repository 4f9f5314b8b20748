using Npgsql;

namespace Pathway.Data;

/// <summary>
/// Which failures mean "the database is not there just now" (a server restarting, a failover under way) rather than
/// "this request is wrong": the first kind is answered with "try again", and a read may be retried at once.
/// </summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when IsUnavailableState(postgres.SqlState) || postgres.IsTransient:
                    return true;
                case PostgresException:
                    return false;
                // Npgsql's own failures are about reaching a server: a broken connection, "no suitable host" while no
                // node is primary, a timeout. Errors in what was asked arrive as PostgresException instead.
                case NpgsqlException:
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return aggregate.InnerExceptions.All(IsUnavailable);
            }
        }
        return false;
    }

    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) // connection exceptions
        || state is "57P01" or "57P02" or "57P03" // administrator or crash shutdown, cannot connect now
            or "25006" // read-only transaction: a write that reached a node that is now a standby
            or "53300"; // too many connections, while clients crowd onto the new primary
}
