export function TlsPage() {
  return (
    <div className="page">
      <h1>TLS 1.3</h1>
    </div>
  );
}
