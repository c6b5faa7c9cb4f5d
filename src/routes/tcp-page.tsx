export function TcpPage() {
  return (
    <div className="page">
      <h1>TCP</h1>
    </div>
  );
}
