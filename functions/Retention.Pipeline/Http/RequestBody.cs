using Microsoft.AspNetCore.Http;

namespace Retention.Pipeline.Http;

public static class RequestBody
{
    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes; null when the body is larger. A declared Content-Length
    /// over the limit is refused before anything is read.
    /// </summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
