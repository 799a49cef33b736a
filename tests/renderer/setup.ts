// jsdom has no layout: give the few layout calls React rows and ProseMirror make something to return.
const emptyRect = { x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) }
Element.prototype.scrollIntoView ??= function scrollIntoView() {}
Range.prototype.getBoundingClientRect ??= () => emptyRect as DOMRect
Range.prototype.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList
document.elementFromPoint ??= () => null
// Virtual lists ask the scroll container for its visible size: give every element a screenful.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 })
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 })
