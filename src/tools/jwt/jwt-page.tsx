export function JwtPage() {
  return (
    <div className="page">
      <h1>JWT inspector</h1>
    </div>
  );
}
