/// <reference types="vite/client" />

declare module 'hamta-dictionary-en/index.aff?raw' {
  const text: string
  export default text
}
declare module 'hamta-dictionary-en/index.dic?raw' {
  const text: string
  export default text
}
declare module 'hamta-dictionary-en-gb/index.aff?raw' {
  const text: string
  export default text
}
declare module 'hamta-dictionary-en-gb/index.dic?raw' {
  const text: string
  export default text
}
