namespace Pathway.Web;

/// <summary>
/// A request whose client has gone (a closed tab, a dropped connection, a load generator stopping) is not a failure of
/// Pathway's: whatever it was doing is cancelled and there is nobody to answer. Without this, the cancellation surfaced as an
/// unhandled exception (or "the response has been aborted") that the error page then failed to render, and each was logged as
/// an error, hiding real ones among them.
/// </summary>
public static class AbortedRequests
{
    public static void UseAbortedRequestsQuietly(this WebApplication app) => app.Use(async (context, next) =>
    {
        try
        {
            await next();
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested
                                  && e is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Nothing to send: the connection is gone.
        }
    });
}
