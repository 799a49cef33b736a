import packageJson from '../../package.json'

export const APP_NAME = 'Hamta'
export const APP_VERSION: string = packageJson.version
